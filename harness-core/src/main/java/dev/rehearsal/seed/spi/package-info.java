/**
 * The seeding plug-in contract: what {@code rehearsal-data-generators} implements, and what a tool with its own way of
 * declaring seeds uses to word its messages.
 *
 * @since 0.1
 */
package dev.rehearsal.seed.spi;
