package org.treatyregistry.contract.stockpiles;

import org.treatyregistry.contract.StateEvent;

/** A fact about a State's stockpiled mines of one type (Art. 7.1 (b), (d), (g)). */
public interface StockpileFact extends StateEvent {

    String mineType();

    long quantity();
}
