package de.nachruecker.slot.release.model;

import java.util.List;

/**
 * One broken rule.
 *
 * @param field     the request field it concerns (dotted path, e.g. {@code window.to})
 * @param rule      a stable key (e.g. {@code window.ended}) the operator pages translate, with {@code arguments}
 * @param arguments the values the text names: centre ids, product lists, counts, instants
 * @param message   the English text the API's problem details carry
 */
public record Violation(String field, String rule, List<Object> arguments, String message) {

    public Violation {
        arguments = List.copyOf(arguments);
    }
}
