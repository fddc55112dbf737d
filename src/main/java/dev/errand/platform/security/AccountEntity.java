package dev.errand.platform.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** Someone who may use the API or the dashboard: an operator or a client program. */
@Entity
@Table(name = "account", schema = "errand")
public class AccountEntity {

    @Id
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    /** Comma-separated role names. */
    @Column(nullable = false)
    private String roles;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected AccountEntity() {
    }

    public AccountEntity(String username, String passwordHash, Set<String> roles, OffsetDateTime createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = String.join(",", new TreeSet<>(roles));
        this.createdAt = createdAt;
    }

    public void update(String newHash, Set<String> newRoles) {
        this.passwordHash = newHash;
        this.roles = String.join(",", new TreeSet<>(newRoles));
    }

    public String username() { return username; }
    public String passwordHash() { return passwordHash; }
    public OffsetDateTime createdAt() { return createdAt; }

    public Set<String> roles() {
        return new TreeSet<>(Arrays.asList(roles.split(",")));
    }
}
