/**
 * Importing tasks from Markdown documents with YAML front matter, all documents in one
 * transaction.
 */
package dev.pm.cli.importing;
