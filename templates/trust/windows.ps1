# Installs (or with -Uninstall, removes) an Inkan CA in the Windows Trusted Root Certification
# Authorities store, for Edge, Chrome, .NET, PowerShell and every program using the Windows store.
#   powershell -ExecutionPolicy Bypass -File {{fileName}}                          # CurrentUser (asks once to confirm)
#   powershell -ExecutionPolicy Bypass -File {{fileName}} -Store LocalMachine      # all users (Administrator)
#   powershell -ExecutionPolicy Bypass -File {{fileName}} -UseCertutil             # with certutil.exe instead
#   powershell -ExecutionPolicy Bypass -File {{fileName}} -Uninstall [-Store LocalMachine]
#   & ([scriptblock]::Create((iwr -UseBasicParsing {{baseUrl}}/install/windows).Content)) [-Store LocalMachine] [-Uninstall]
#
# {{label}}
# SHA-256 fingerprint: {{sha256Colons}}
# {{constraints}}
param(
    [ValidateSet('CurrentUser', 'LocalMachine')] [string] $Store = 'CurrentUser',
    [switch] $Uninstall,
    [switch] $UseCertutil
)
$ErrorActionPreference = 'Stop'

$CaName = '{{name}}'
$CaLabel = '{{label}}'
$CaSha256 = '{{sha256}}'
$CaSha256Colons = '{{sha256Colons}}'
$CaThumbprint = '{{sha1Upper}}'
$CaConstraints = '{{constraints}}'
$CaPem = @'
{{pem}}
'@

# throw, not exit: the script may run as a script block in the user's own session (see above).
function Fail([string] $Message) {
    throw "inkan: $Message"
}

# The DER bytes between the PEM armour lines, and their SHA-256, checked against the embedded fingerprint.
$Base64 = ($CaPem -split "`r?`n" | Where-Object { $_ -and -not $_.StartsWith('-----') }) -join ''
$Der = [System.Convert]::FromBase64String($Base64)
$Sha256 = [System.Security.Cryptography.SHA256]::Create()
$Actual = ([System.BitConverter]::ToString($Sha256.ComputeHash($Der)) -replace '-', '').ToLowerInvariant()
if ($Actual -ne $CaSha256) {
    Fail "the embedded CA certificate does not match its fingerprint $CaSha256Colons (got $Actual); the script was altered: download it again from Inkan"
}
if ($env:INKAN_EXPECTED_SHA256) {
    $Expected = ($env:INKAN_EXPECTED_SHA256 -replace '[: ]', '').ToLowerInvariant()
    if ($Expected -ne $CaSha256) {
        Fail "this script's CA has fingerprint $CaSha256Colons, not the $env:INKAN_EXPECTED_SHA256 you expected; do not trust it"
    }
}
Write-Host "inkan: CA: $CaName"
Write-Host "inkan: SHA-256 fingerprint: $CaSha256Colons"
Write-Host "inkan: $CaConstraints"

if ($Store -eq 'LocalMachine') {
    $Principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $Principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        Fail "the LocalMachine store needs an elevated PowerShell: right-click PowerShell, 'Run as administrator', then run this again (or use -Store CurrentUser)"
    }
}

$StorePath = "Cert:\$Store\Root\$CaThumbprint"
$Installed = Test-Path $StorePath

if ($Uninstall) {
    if (-not $Installed) {
        Write-Host "inkan: not installed in $Store\Root; nothing to do"
        return
    }
    if ($UseCertutil) {
        if ($Store -eq 'LocalMachine') { & certutil.exe -delstore Root $CaThumbprint } else { & certutil.exe -user -delstore Root $CaThumbprint }
        if ($LASTEXITCODE -ne 0) { Fail "certutil -delstore failed ($LASTEXITCODE)" }
    } else {
        Remove-Item -Path $StorePath
    }
    Write-Host "inkan: removed $CaLabel from $Store\Root"
    return
}

if ($Installed) {
    Write-Host "inkan: already installed in $Store\Root ($CaThumbprint)"
    return
}
$File = Join-Path ([System.IO.Path]::GetTempPath()) "$CaThumbprint.cer"
[System.IO.File]::WriteAllBytes($File, $Der)
try {
    if ($UseCertutil) {
        if ($Store -eq 'LocalMachine') { & certutil.exe -addstore -f Root $File } else { & certutil.exe -user -addstore -f Root $File }
        if ($LASTEXITCODE -ne 0) { Fail "certutil -addstore failed ($LASTEXITCODE)" }
    } else {
        Import-Certificate -FilePath $File -CertStoreLocation "Cert:\$Store\Root" | Out-Null
    }
} finally {
    Remove-Item -Path $File -ErrorAction SilentlyContinue
}
Write-Host "inkan: installed $CaLabel in $Store\Root (thumbprint $CaThumbprint); restart your browser"
