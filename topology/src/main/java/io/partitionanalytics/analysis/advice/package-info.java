/**
 * Rebalance advice: from one strategy's closed-window load to concrete, costed, deterministic recommendations. Plain
 * Java over plain values, no Kafka: the pipeline feeds it {@link io.partitionanalytics.load.LoadSnapshot}s, {@code
 * simulate} can too.
 *
 * <ul>
 *   <li>{@link io.partitionanalytics.analysis.advice.Advisor} runs one {@link
 *       io.partitionanalytics.analysis.advice.RecommendationRule} per {@link
 *       io.partitionanalytics.analysis.advice.RecommendationKind} over an {@link
 *       io.partitionanalytics.analysis.advice.AdviceInput} and returns {@link
 *       io.partitionanalytics.analysis.advice.Recommendation}s in kind order;
 *   <li>predictions re-apply strategies to the window's keys: named heavy keys exactly, each partition's residual as
 *       many small keys ({@link io.partitionanalytics.analysis.advice.KeyLoadModel});
 *   <li>{@link io.partitionanalytics.analysis.advice.RecommendationLimiter} keeps the same advice from repeating more
 *       than once a minute.
 * </ul>
 */
package io.partitionanalytics.analysis.advice;
