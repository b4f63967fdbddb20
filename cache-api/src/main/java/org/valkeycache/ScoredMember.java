package org.valkeycache;

/**
 * A sorted-set member with its score.
 *
 * @param member the decoded member
 * @param score the score
 */
public record ScoredMember(Object member, double score) {
}
