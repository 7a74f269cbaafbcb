// How the background stage tells that acknowledgements are saturating the store's writer.
//
// Leads are made on the same single writer thread that commits acknowledgements. Under a burst
// that the writer cannot absorb, every batch of leads it also commits makes the platforms'
// acknowledgements wait (the ingest benchmark: ~30 % fewer acknowledgements per second while
// leads were made at full speed). The writer's groups say how loaded it is: a group holds every
// write call that arrived while the previous one committed, so their average size grows with the
// load, from 1-2 calls at a salon's pace to dozens when the writer never rests.
#pragma once

#include "store/store.hpp"

#include <cstddef>
#include <optional>

namespace leadhub::pipeline {

// Whether the writer's groups between `before` and `after` averaged at least `threshold` write
// calls: it is committing acknowledgements back to back. Unknown (nullopt) when at most one
// group committed: that is the caller's own batch, which may have committed alone while a slow
// commit held the acknowledgements back; the caller keeps its previous answer then.
// `threshold` 0 switches pacing off: false.
inline std::optional<bool> writer_saturated(const store::StoreStats& before, const store::StoreStats& after,
                                            std::size_t threshold) {
    if (threshold == 0) return false;
    uint64_t groups = after.transactions - before.transactions;
    if (groups <= 1) return std::nullopt;
    uint64_t calls = after.write_calls - before.write_calls;
    return calls >= groups * threshold;
}

}  // namespace leadhub::pipeline
