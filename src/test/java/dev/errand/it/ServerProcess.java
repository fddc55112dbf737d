package dev.errand.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The process that serves Errand's HTTP port, whichever server it is, found as `ss -ltnp` finds it: Linux's socket
 * tables (/proc/net/tcp, tcp6) and the processes' open sockets (/proc/PID/fd; the tests run as the server's user).
 */
final class ServerProcess {

    /** One listening socket: local address (hex, as /proc/net/tcp* shows it), port, inode. */
    record Listener(String address, int port, String inode) {
        boolean loopback() {
            return address.length() == 8 ? address.endsWith("7F") // 127.x.x.x, little-endian
                    : address.equals("00000000000000000000000001000000") // ::1
                    || address.startsWith("0000000000000000FFFF0000") && address.endsWith("7F"); // ::ffff:127.x
        }
    }

    final Path proc;
    final List<Listener> listeners;

    private ServerProcess(Path proc, List<Listener> listeners) {
        this.proc = proc;
        this.listeners = listeners;
    }

    static ServerProcess servingHttp() {
        int port = URI.create(Api.BASE_URL).getPort();
        List<Listener> all = listening();
        String inode = all.stream().filter(l -> l.port() == port).map(Listener::inode).findFirst()
                .orElseThrow(() -> new AssertionError("nothing listens on " + port));
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                Set<String> sockets = sockets(process);
                if (sockets.contains(inode)) {
                    return new ServerProcess(process, all.stream().filter(l -> sockets.contains(l.inode())).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no readable process holds the socket of port " + port);
    }

    /** Its command line, arguments separated by spaces. */
    String commandLine() {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file by a path relative to its working directory. */
    Path inWorkingDirectory(String relative) {
        try {
            return Files.readSymbolicLink(proc.resolve("cwd")).resolve(relative);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Listener> listening() {
        List<Listener> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(f -> f[3].equals("0A")) // LISTEN
                        .forEach(f -> {
                            String[] local = f[1].split(":");
                            listening.add(new Listener(local[0].toUpperCase(Locale.ROOT), Integer.parseInt(local[1], 16), f[9]));
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return listening;
    }

    private static Set<String> sockets(Path process) {
        Set<String> sockets = new HashSet<>();
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                String target = readLink(fd);
                if (target.startsWith("socket:[")) {
                    sockets.add(target.substring(8, target.length() - 1));
                }
            }
        } catch (IOException | SecurityException e) {
            return Set.of(); // another user's process, or gone
        }
        return sockets;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
