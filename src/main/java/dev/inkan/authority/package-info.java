/**
 * Certificate authorities at rest: create, import and load CAs, protect their keys, and choose which CA issues.
 */
package dev.inkan.authority;
