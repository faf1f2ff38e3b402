package de.nachruecker.allocation.release.model;

/** OPEN until every dose is confirmed (FILLED), the operator withdraws it, or usable-until passes (EXPIRED). */
public enum ReleaseStatus { OPEN, FILLED, WITHDRAWN, EXPIRED }
