package dev.ferry.extractor.security;

import dev.ferry.testsupport.security.ShippedDefaults;
import org.junit.jupiter.api.Test;

class ProductionCredentialsTest {

    @Test
    void the_shipped_properties_are_refused_in_production_and_real_values_are_not() {
        ShippedDefaults.assertRefusedAsShipped(ProductionCredentials.class, ProductionCredentials.REQUIRED,
                ProductionCredentials.ANY_OF);
    }
}
