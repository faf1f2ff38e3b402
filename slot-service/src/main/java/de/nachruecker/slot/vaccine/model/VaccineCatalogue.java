package de.nachruecker.slot.vaccine.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The vaccine products centres may release doses of, in configuration order. */
public final class VaccineCatalogue {

    private final Map<String, Vaccine> byProduct;

    public VaccineCatalogue(Collection<Vaccine> vaccines) {
        Map<String, Vaccine> products = new LinkedHashMap<>();
        for (Vaccine vaccine : vaccines) {
            if (products.put(vaccine.product(), vaccine) != null) {
                throw new IllegalArgumentException("vaccine product appears twice in the catalogue: "
                        + vaccine.product());
            }
        }
        this.byProduct = products;
    }

    public Optional<Vaccine> find(String product) {
        return Optional.ofNullable(product).map(byProduct::get);
    }

    public List<Vaccine> all() {
        return List.copyOf(byProduct.values());
    }

    public List<String> products() {
        return List.copyOf(byProduct.keySet());
    }
}
