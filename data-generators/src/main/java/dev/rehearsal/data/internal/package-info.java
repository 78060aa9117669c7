/**
 * Realistic and deliberately broken data for rehearsals: the implementation behind
 * {@link dev.rehearsal.Rehearsal#seed(dev.rehearsal.seed.SeedPlan)}, found through {@link java.util.ServiceLoader}.
 *
 * <p>Nothing here is API: plans, defects and reports are the core's {@code dev.rehearsal.seed} types.
 */
package dev.rehearsal.data.internal;
