package dev.memscope.emulator.backend.kvm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The real libc with one call made to fail: every call is recorded and forwarded, except the first that matches,
 * which returns -1 with the chosen errno, as the kernel would have answered. Used to fail setup half-way.
 */
final class FailingLibC {
    /** A call as made: the method's name, its arguments, and what it returned (-1 when made to fail). */
    record Call(String method, List<Object> args, Object result) {
        boolean isIoctl(long request) {
            return method.equals("ioctl") && args.get(1) instanceof Long r && r == request;
        }

        long resultAsLong() {
            return result instanceof Number n ? n.longValue() : 0;
        }
    }

    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    final Native nat;
    private final Predicate<Call> failing;
    private final int errno;
    private final long answer;
    private final ThreadLocal<Integer> injected = new ThreadLocal<>();
    private boolean failed;

    FailingLibC(Native real, Predicate<Call> failing, int errno) {
        this(real, failing, errno, -1);
    }

    /** As the other constructor, but the matching call returns {@code answer} (errno is set only if negative). */
    FailingLibC(Native real, Predicate<Call> failing, int errno, long answer) {
        this.failing = failing;
        this.errno = errno;
        this.answer = answer;
        LibC proxy = (LibC) Proxy.newProxyInstance(LibC.class.getClassLoader(), new Class<?>[] {LibC.class},
                (self, method, args) -> {
                    List<Object> argList = args == null ? List.of() : java.util.Arrays.asList(args);
                    Object result;
                    if (shouldFail(new Call(method.getName(), argList, null))) {
                        injected.set(this.errno);
                        result = method.getReturnType() == long.class ? (Object) answer : (Object) (int) answer;
                    } else {
                        injected.remove();
                        try {
                            result = method.invoke(real.libc, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                    calls.add(new Call(method.getName(), argList, result));
                    return result;
                });
        this.nat = new Native(proxy, real.runtime, () -> {
            Integer e = injected.get();
            return e != null ? e : real.errno();
        });
    }

    /** Records and forwards everything, failing nothing. */
    static FailingLibC recording(Native real) {
        return new FailingLibC(real, call -> false, 0);
    }

    private synchronized boolean shouldFail(Call call) {
        if (!failed && failing.test(call)) {
            failed = true;
            return true;
        }
        return false;
    }

    synchronized boolean failed() {
        return failed;
    }
}
