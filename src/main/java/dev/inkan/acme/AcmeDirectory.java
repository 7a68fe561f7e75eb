package dev.inkan.acme;

import com.google.common.net.InetAddresses;
import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.IpRange;
import dev.inkan.engine.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Each CA's ACME directory (RFC 8555 §7.1.1): whether it is on, its settings, its URLs, and which identifiers it
 * accepts (the CA's name constraints, RFC 5280 §4.2.1.10, plus the directory's optional allow-list).
 */
@Service
public class AcmeDirectory {

    private final CertificateAuthorityService authorities;
    private final DirectorySettingsStore settings;

    AcmeDirectory(CertificateAuthorityService authorities, DirectorySettingsStore settings) {
        this.authorities = authorities;
        this.settings = settings;
    }

    /** The URLs of a CA's directory ({@code caId} null: the default CA) as seen from {@code base}. */
    public AcmeUrls urls(String base, Long caId) {
        try {
            CertificateAuthority ca = caId == null ? authorities.defaultAuthority() : authorities.get(caId);
            return new AcmeUrls(base, ca.id(), ca.defaultAuthority());
        } catch (NotFoundException e) {
            throw new AcmeProblem(AcmeError.MALFORMED, 404, "no CA " + caId + " here; the default CA's directory is " + base + "/acme/directory");
        }
    }

    public DirectorySettings settings(long caId) {
        authorities.get(caId);
        return settings.get(caId);
    }

    public DirectorySettings update(long caId, DirectorySettings.Change change) {
        DirectorySettings updated = change.applyTo(settings(caId));
        settings.save(updated);
        return updated;
    }

    /** The settings of a directory that must be switched on. */
    DirectorySettings requireEnabled(AcmeUrls urls) {
        DirectorySettings current = settings.get(urls.caId());
        if (!current.enabled()) {
            throw new AcmeProblem(AcmeError.MALFORMED, 404,
                    "ACME is switched off for this CA; an admin can switch it on at /cas/" + urls.caId() + "/acme");
        }
        return current;
    }

    public AcmeResponse directory(AcmeUrls urls) {
        DirectorySettings current = requireEnabled(urls);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("newNonce", urls.newNonce());
        body.put("newAccount", urls.newAccount());
        body.put("newOrder", urls.newOrder());
        body.put("revokeCert", urls.revokeCert());
        body.put("keyChange", urls.keyChange());
        body.put("meta", Map.of("externalAccountRequired", current.eabRequired(), "website", urls.base() + "/cas/" + urls.caId() + "/acme"));
        return AcmeResponse.json(200, body);
    }

    /** Refuses identifiers outside the CA's name constraints or the directory's allow-list (rejectedIdentifier). */
    void checkIdentifiers(AcmeUrls urls, DirectorySettings directory, List<Identifier> identifiers) {
        CertificateAuthority ca = authorities.get(urls.caId());
        boolean constrained = !ca.permittedDnsDomains().isEmpty() || !ca.permittedIpRanges().isEmpty();
        List<IpRange> caRanges = ca.permittedIpRanges().stream().map(IpRange::parse).toList();
        List<String> allowedDomains = directory.allowedIdentifiers().stream().filter(a -> !DirectorySettings.isIpEntry(a)).toList();
        List<IpRange> allowedRanges = directory.allowedIdentifiers().stream().filter(DirectorySettings::isIpEntry).map(IpRange::parse).toList();
        for (Identifier identifier : identifiers) {
            if (constrained && !permitted(identifier, ca.permittedDnsDomains(), caRanges)) {
                throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "'" + identifier.value() + "' is outside the name constraints of the CA '" + ca.name()
                        + "' (" + String.join(", ", ca.permittedDnsDomains()) + (ca.permittedIpRanges().isEmpty() ? "" : "; "
                        + String.join(", ", ca.permittedIpRanges())) + "); order names it may sign for");
            }
            if (!directory.allowedIdentifiers().isEmpty() && !permitted(identifier, allowedDomains, allowedRanges)) {
                throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, "'" + identifier.value() + "' is not in this directory's allow-list ("
                        + String.join(", ", directory.allowedIdentifiers()) + ")");
            }
        }
    }

    static boolean permitted(Identifier identifier, List<String> domains, List<IpRange> ranges) {
        if (identifier.type().equals(Identifier.IP)) {
            byte[] address = InetAddresses.forString(identifier.value()).getAddress();
            return ranges.stream().anyMatch(range -> range.contains(address));
        }
        String name = identifier.authorizationValue();
        return domains.stream().anyMatch(domain -> name.equals(domain) || name.endsWith("." + domain));
    }
}
