/**
 * Configuration properties, security and wiring of the service.
 */
package dev.inkan.config;
