// Inkan web UI: progressive enhancement only; every page works without JavaScript.
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-copy]');
  if (!button) { return; }
  var source = document.getElementById(button.getAttribute('data-copy'));
  if (!source) { return; }
  var text = source.textContent;
  var done = function () {
    var label = button.textContent;
    button.textContent = 'Copied';
    var status = document.getElementById('copy-status');
    if (status) { status.textContent = 'Copied to the clipboard.'; }
    setTimeout(function () { button.textContent = label; }, 1500);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done);
  } else {
    // Plain http (Inkan on a LAN before it has its own certificate): fall back to a selection copy.
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'absolute';
    area.style.left = '-9999px';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); done(); } finally { document.body.removeChild(area); }
  }
});

// CSR upload: read the chosen file into the paste box so the user sees what will be sent.
document.addEventListener('change', function (event) {
  var input = event.target;
  if (!input.matches('input[type=file][data-into]') || !input.files.length) { return; }
  var target = document.getElementById(input.getAttribute('data-into'));
  var reader = new FileReader();
  reader.onload = function () { target.value = reader.result; };
  reader.readAsText(input.files[0]);
});
