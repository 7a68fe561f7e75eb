package dev.inkan.web.acme;

import dev.inkan.acme.AcmeAccount;
import dev.inkan.acme.AcmeAccounts;
import dev.inkan.acme.AcmeDirectory;
import dev.inkan.acme.AcmeOrder;
import dev.inkan.acme.AcmeOrders;
import dev.inkan.acme.DirectorySettings;
import dev.inkan.acme.EabKey;
import dev.inkan.acme.EabKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of each CA's ACME directory (bearer token): settings, accounts and their orders, EAB keys. */
@RestController
@RequestMapping("/api/v1/cas/{caId}/acme")
record AcmeAdminApiController(AcmeDirectory directory, AcmeAccounts accounts, AcmeOrders orders, EabKeys eabKeys, AcmeExchange exchange) {

    /** A CA's directory as the admin sees it. */
    record DirectoryView(String directoryUrl, DirectorySettings settings) {}

    /** An account with its orders. */
    record AccountView(long id, String status, List<String> contact, String eabKid, Instant createdAt, List<OrderView> orders) {}

    /** One order. */
    record OrderView(long id, String status, List<String> identifiers, Long certificateId, Instant createdAt) {}

    /** A new EAB key's label. */
    record NewEabKey(String label) {}

    @GetMapping
    DirectoryView settings(@PathVariable long caId, HttpServletRequest request) {
        DirectorySettings settings = directory.settings(caId);
        return new DirectoryView(directory.urls(exchange.base(request), caId).directory(), settings);
    }

    @PutMapping
    DirectoryView update(@PathVariable long caId, @RequestBody DirectorySettings.Change change, HttpServletRequest request) {
        directory.update(caId, change);
        return settings(caId, request);
    }

    @GetMapping("/accounts")
    List<AccountView> listAccounts(@PathVariable long caId) {
        return accounts.list(caId).stream().map(this::view).toList();
    }

    @GetMapping("/eab-keys")
    List<EabKey> listEabKeys(@PathVariable long caId) {
        directory.settings(caId);
        return eabKeys.list(caId);
    }

    @PostMapping("/eab-keys")
    @ResponseStatus(HttpStatus.CREATED)
    EabKey.Created createEabKey(@PathVariable long caId, @RequestBody(required = false) NewEabKey request) {
        directory.settings(caId);
        return eabKeys.create(caId, request == null ? null : request.label());
    }

    @DeleteMapping("/eab-keys/{kid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeEabKey(@PathVariable long caId, @PathVariable String kid) {
        eabKeys.revoke(caId, kid);
    }

    private AccountView view(AcmeAccount account) {
        List<OrderView> list = orders.ordersOf(account.id()).stream().map(AcmeAdminApiController::view).toList();
        return new AccountView(account.id(), account.status().id(), account.contact(), account.eabKid(), account.createdAt(), list);
    }

    private static OrderView view(AcmeOrder order) {
        return new OrderView(order.id(), order.status().id(), order.identifiers().stream().map(i -> i.type() + ":" + i.value()).toList(),
                order.certificateId(), order.createdAt());
    }
}
