// Waiting in app tests: on a condition, never for a fixed time, and never asserting how long
// something took. A test that waits too little fails on a slow or loaded machine; one that sleeps
// "long enough" proves nothing on a fast one.
#pragma once

#include <QDeadlineTimer>
#include <QThread>

namespace moe::test {

// How long a test waits for something that must happen: generous, for a sanitizer build on a
// loaded machine. Reaching it means the awaited thing never happened (a failure, not slowness).
constexpr int kPatienceMs = 120'000;

// Waits for `done` without processing this thread's events, so signals queued to this thread
// stay queued (the GUI is "busy"). False when the patience ran out.
template <typename Done> bool spinUntil(Done done)
{
    const QDeadlineTimer deadline(kPatienceMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QThread::yieldCurrentThread();
    }
    return true;
}

} // namespace moe::test
