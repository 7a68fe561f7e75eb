/** What the web front ends (REST API and UI) share: the names they give the engine's fields. */
package dev.inkan.web;
