package org.treatyregistry.gateway;

import java.security.Principal;

/** Who holds an API key: the principal of an authenticated request, named as in the key's entry. */
public record ApiClient(String name, Role role) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
