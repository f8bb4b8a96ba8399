package io.storefront.catalog.search.lucene;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Lucene finds by reflection, registered for the native image. Lucene creates token attributes by name
 * ({@code CharTermAttribute} → {@code CharTermAttributeImpl}, looked up with method handles), including the ones
 * fuzzy queries attach to their term enumerations. Its codecs, postings and doc-values formats are found with
 * {@link java.util.ServiceLoader}: {@code quarkus.native.auto-service-loader-registration=true}
 * (application.properties) registers every {@code META-INF/services} entry. The index directory in a native image
 * is an {@code NIOFSDirectory} ({@link CatalogIndex}), which needs no buffer unmapping.
 */
@RegisterForReflection(classNames = {
        "org.apache.lucene.analysis.tokenattributes.BytesTermAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.CharTermAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.FlagsAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.KeywordAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.OffsetAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.PackedTokenAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.PayloadAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.PositionIncrementAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.PositionLengthAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.SentenceAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.TermFrequencyAttributeImpl",
        "org.apache.lucene.analysis.tokenattributes.TypeAttributeImpl",
        "org.apache.lucene.search.BoostAttributeImpl",
        "org.apache.lucene.search.MaxNonCompetitiveBoostAttributeImpl",
        "org.apache.lucene.search.FuzzyTermsEnum$AutomatonAttributeImpl",
        "org.apache.lucene.codecs.lucene912.Lucene912Codec",
        "org.apache.lucene.codecs.lucene912.Lucene912PostingsFormat",
        "org.apache.lucene.codecs.lucene90.Lucene90DocValuesFormat",
        "org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat" })
final class LuceneNativeSupport {

    private LuceneNativeSupport() {
    }
}
