package dev.inkan.operations;

import dev.inkan.engine.InvalidInputException;
import dev.inkan.issuance.CertificateInventory;
import dev.inkan.issuance.CertificateQuery;
import dev.inkan.issuance.CertificateSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory as CSV (RFC 4180: CRLF rows, fields with a comma, quote or line break in double quotes, quotes doubled;
 * UTF-8; a header row; a field that a spreadsheet would run as a formula prefixed with {@code '}) or as one JSON array
 * written element by element. Multi-valued fields (DNS names, IPs) are
 * joined with a space, which no DNS name or IP address contains.
 */
@Service
public class InventoryExport {

    /** The two formats. */
    public enum Format {
        CSV, JSON;

        public String contentType() {
            return this == CSV ? "text/csv; charset=utf-8" : "application/json";
        }

        public String fileName() {
            return "certificates." + name().toLowerCase(Locale.ROOT);
        }

        public static Format of(String name) {
            return switch (name == null ? "csv" : name.strip().toLowerCase(Locale.ROOT)) {
                case "csv", "" -> CSV;
                case "json" -> JSON;
                default -> throw new InvalidInputException("format", "format is csv or json; '"
                        + InvalidInputException.abbreviate(name) + "' is neither");
            };
        }
    }

    /** A checked export, ready to write (to a response body that is streamed). */
    public interface Prepared {
        void writeTo(OutputStream out) throws IOException;
    }

    static final List<String> COLUMNS = List.of("id", "serialNumber", "commonName", "dnsNames", "ipAddresses", "status", "caId",
            "notBefore", "notAfter", "profile", "keyType", "origin", "privateKeyStored", "revokedAt", "revocationReason",
            "createdAt", "createdBy");

    private final CertificateInventory inventory;
    private final JsonMapper json = JsonMapper.builder().build();

    InventoryExport(CertificateInventory inventory) {
        this.inventory = inventory;
    }

    /** Validates everything first, so a bad filter is a 400 and not a broken download. */
    public Prepared prepare(CertificateQuery query, Format format) {
        CertificateQuery.Valid valid = inventory.check(query);
        return format == Format.CSV ? out -> csv(valid, out) : out -> json(valid, out);
    }

    private void csv(CertificateQuery.Valid query, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(String.join(",", COLUMNS) + "\r\n");
        try {
            inventory.forEach(query, c -> {
                try {
                    writer.write(row(c));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    static String row(CertificateSummary c) {
        Object[] values = {c.id(), c.serialNumber(), c.commonName(), String.join(" ", c.dnsNames()), String.join(" ", c.ipAddresses()),
            c.status().id(), c.caId(), c.notBefore(), c.notAfter(), c.profile(), c.keyType(), c.origin().id(), c.privateKeyStored(),
            c.revokedAt(), c.revocationReason(), c.createdAt(), c.createdBy()};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(values[i] == null ? "" : values[i].toString()));
        }
        return line.append("\r\n").toString();
    }

    /**
     * RFC 4180 §2: a field with a comma, double quote, CR or LF is enclosed in double quotes, and its quotes doubled.
     * OWASP "CSV Injection": a field starting with {@code = + - @}, TAB or CR is a formula to Excel, LibreOffice and
     * Google Sheets (a common name {@code =HYPERLINK(...)} would run on opening the file), so it gets a leading
     * {@code '} and is quoted; the value a reader sees is then text.
     */
    static String field(String value) {
        boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
        if (!formula && value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + (formula ? "'" : "") + value.replace("\"", "\"\"") + '"';
    }

    private void json(CertificateQuery.Valid query, OutputStream out) throws IOException {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            inventory.forEach(query, generator::writePOJO);
            generator.writeEndArray();
        }
    }
}
