/**
 * Thin Thymeleaf controllers of the web UI; they call the same services as the API.
 */
package dev.inkan.web.ui;
