/**
 * Command-line commands such as oneshot; they never start the web server.
 */
package dev.inkan.cli;
