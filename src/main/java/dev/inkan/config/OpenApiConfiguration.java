package dev.inkan.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): the API and its bearer scheme. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI inkanOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Inkan").version("v1").description("A self-hosted local PKI: CAs and certificates."
                        + " Every /api/v1 call needs 'Authorization: Bearer <admin token>' (INKAN_ADMIN_TOKEN or <data-dir>/admin-token)."
                        + " Errors are RFC 9457 application/problem+json with errors: [{field, message}]."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("the admin token")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
