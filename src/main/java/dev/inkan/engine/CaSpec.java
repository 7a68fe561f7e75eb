package dev.inkan.engine;

/**
 * What a new CA certificate says: its name, lifetime, optional name constraints and path length.
 *
 * @param commonName   the CA's CN, shown in every trust store (at most 64 characters, RFC 5280)
 * @param organization the O attribute, or null
 * @param validityDays lifetime in days, 1 to 36,500
 * @param constraints  the names this CA may sign for; empty for an unconstrained CA
 * @param pathLength   how many intermediates may follow, or null for no limit
 */
public record CaSpec(String commonName, String organization, int validityDays,
                     NameConstraintPolicy constraints, Integer pathLength) {

    public static final int MAX_VALIDITY_DAYS = 36_500;

    public CaSpec {
        if (commonName == null || commonName.isBlank()) {
            throw new InvalidInputException(Field.CA_NAME, "a CA needs a name; write e.g. \"Inkan Dev Root CA\"");
        }
        commonName = commonName.strip();
        if (commonName.length() > SubjectAltNames.MAX_COMMON_NAME || commonName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(Field.CA_NAME, "a CA name has 1 to 64 printable characters (RFC 5280 ub-common-name)");
        }
        if (organization != null && (organization.isBlank() || organization.length() > 64)) {
            organization = organization.isBlank() ? null : organization.substring(0, 64);
        }
        if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
            throw new InvalidInputException(Field.CA_VALIDITY_DAYS, "a CA's validity is 1 to " + MAX_VALIDITY_DAYS + " days; "
                    + validityDays + " is outside that");
        }
        constraints = constraints == null ? new NameConstraintPolicy(java.util.List.of(), java.util.List.of()) : constraints;
        if (pathLength != null && pathLength < 0) {
            throw new InvalidInputException(Field.PATH_LENGTH, "a path length is 0 or more");
        }
    }

    public static CaSpec root(String commonName, int validityDays) {
        return new CaSpec(commonName, null, validityDays, null, null);
    }
}
