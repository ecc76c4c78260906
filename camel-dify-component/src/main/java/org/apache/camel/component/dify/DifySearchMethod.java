package org.apache.camel.component.dify;

/**
 * How {@code retrieve} searches a knowledge base: Dify's {@code retrieval_model.search_method} (Dify docs
 * {@code /en/api-reference/knowledge-bases/retrieve-chunks-from-a-knowledge-base-test-retrieval}).
 */
public enum DifySearchMethod {
    /** Vector similarity of embeddings. */
    semantic_search,
    /** Full-text search. */
    full_text_search,
    /** Both, combined (by weights or a reranking model). */
    hybrid_search,
    /** Keyword index (economy indexing). */
    keyword_search
}
