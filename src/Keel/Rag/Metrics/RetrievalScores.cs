namespace Keel;

/// <summary>Retrieval quality at one cutoff, for one query or averaged over queries.</summary>
/// <param name="K">The cutoff: only the first <c>K</c> results count.</param>
/// <param name="Ndcg">nDCG@K with linear gains (the relevance grade), as trec_eval's <c>ndcg_cut</c>.</param>
/// <param name="Recall">Recall@K: the share of the relevant documents found in the first K.</param>
/// <param name="Mrr">MRR@K: the reciprocal rank of the first relevant document in the first K, else 0.</param>
/// <param name="Map">MAP@K: average precision over the first K, divided by all relevant documents, as
/// trec_eval's <c>map_cut</c> (what BEIR reports as MAP@K).</param>
internal sealed record RetrievalScores(int K, double Ndcg, double Recall, double Mrr, double Map);
