/**
 * Realistic and deliberately broken data for rehearsals: schema-aware row generation on Datafaker, bulk loading,
 * and a catalogue of defects.
 *
 * <p>Not built yet: this module is a placeholder in the build so its coordinates and dependencies are fixed. Until
 * it lands, seed rehearsal databases with SQL through {@link dev.rehearsal.Rehearsal#execute(String)} or
 * {@link dev.rehearsal.Rehearsal#executeScript(String)}.
 */
package dev.rehearsal.data;
