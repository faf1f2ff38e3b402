/**
 * What the features below it share and neither owns: hashing of stored secrets and keys, and the shape of a broken
 * input rule. Nothing here depends on a feature, so the features depend on each other in one direction only
 * (candidate → offer → ratelimit → shared).
 */
package de.nachruecker.registration.shared;
