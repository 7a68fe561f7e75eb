package dev.inkan.web;

import dev.inkan.engine.Field;

/**
 * What the REST API's JSON and the UI's forms call the engine's fields: the web's one mapping from the
 * engine's {@link Field} to the names in a problem+json {@code field} and on a form.
 */
public final class FieldNames {

    private FieldNames() {
    }

    public static String of(Field field) {
        return switch (field) {
            case CA_NAME -> "name";
            case CA_VALIDITY_DAYS, VALIDITY_DAYS -> "validityDays";
            case PATH_LENGTH -> "pathLength";
            case ISSUING_CA -> "caId";
            case CA_CERTIFICATE -> "caCertificate";
            case COMMON_NAME -> "commonName";
            case DNS_NAMES -> "dnsNames";
            case IP_ADDRESSES -> "ipAddresses";
            case KEY_TYPE -> "keyType";
        };
    }
}
