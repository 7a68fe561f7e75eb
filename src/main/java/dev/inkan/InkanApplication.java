package dev.inkan;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Inkan service: REST API, web UI and the CA store, on Spring Boot. */
@SpringBootApplication
public class InkanApplication {
    public static void main(String[] args) {
        SpringApplication.run(InkanApplication.class, args);
    }
}
