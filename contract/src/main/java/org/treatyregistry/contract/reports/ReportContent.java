package org.treatyregistry.contract.reports;

import java.util.List;

/**
 * What an Article 7 report carries, in the order of Art. 7.1 (a)-(i). Lists are empty, never null, where the
 * report says nothing on an item; free text is null where the report is silent.
 */
public record ReportContent(
        /** (a) national implementation measures referred to in Article 9 */
        NationalMeasures nationalMeasures,
        String nationalMeasuresDetail,
        /** (b) stockpiled anti-personnel mines, by type and, where given, lot */
        List<StockpileLine> stockpile,
        /** (c) mined areas: location, suspected or confirmed, size */
        List<MinedAreaLine> minedAreas,
        /** (d) mines retained or transferred under Article 3, and the institutions authorised */
        List<RetainedLine> retained,
        /** (e) conversion or decommissioning of production facilities */
        String conversionOfProductionFacilities,
        /** (f) destruction programmes: methods, sites, safety and environmental standards */
        List<DestructionProgramme> destructionProgrammes,
        /** (g) mines destroyed since entry into force, under Article 4 and under Article 5 separately */
        List<DestroyedLine> destroyed,
        /** (h) technical characteristics of each type produced or owned */
        String technicalCharacteristics,
        /** (i) measures to warn the population about mined areas */
        String warnings) {

    /** A report silent on an item carries an empty list for it. */
    public ReportContent {
        stockpile = stockpile == null ? List.of() : List.copyOf(stockpile);
        minedAreas = minedAreas == null ? List.of() : List.copyOf(minedAreas);
        retained = retained == null ? List.of() : List.copyOf(retained);
        destructionProgrammes = destructionProgrammes == null ? List.of() : List.copyOf(destructionProgrammes);
        destroyed = destroyed == null ? List.of() : List.copyOf(destroyed);
    }

    /** Art. 9 status: what the report says about national implementation measures. */
    public enum NationalMeasures { LEGISLATION_ADOPTED, EXISTING_LAW_SUFFICIENT, IN_PROGRESS, NONE }

    public record StockpileLine(String mineType, long quantity, String lot) {
    }

    public record MinedAreaLine(String location, String status, long sizeM2) {
    }

    public record RetainedLine(String mineType, long quantity, String institution, String purpose) {
    }

    public record DestructionProgramme(String method, String site, String standards) {
    }

    public record DestroyedLine(String mineType, long quantity, int article) {
    }

    /**
     * Whether the report gives information on implementing Articles 3, 4 or 5 (the test of Action 47): stocks,
     * mined areas, retained mines, destruction programmes or mines destroyed.
     */
    public boolean informsOnImplementation() {
        return !stockpile.isEmpty() || !minedAreas.isEmpty() || !retained.isEmpty()
                || !destructionProgrammes.isEmpty() || !destroyed.isEmpty();
    }

    public long retainedTotal() {
        return retained.stream().mapToLong(RetainedLine::quantity).sum();
    }
}
