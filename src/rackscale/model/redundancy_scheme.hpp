#pragma once
//! A redundancy scheme for a set of identical units (transformers, UPS modules, generators,
//! CDUs): N, N+k, 2N, distributed xN/y or block. Parsed from the scenario by io; the unit counts
//! it implies are worked out by design/power_redundancy. Definitions: docs/models/power.md.

#include <string>

namespace rackscale::model {

//! A redundancy scheme for a set of identical units.
struct RedundancyScheme {
  enum class Kind {
    N,            //!< capacity only: no redundant unit
    NPlus,        //!< N+k: k spare units share the load in parallel
    TwoN,         //!< 2N: two complete systems (A and B), each able to carry the whole load
    Distributed,  //!< xN/y: x systems, any y of which carry the whole load ("4 to make 3")
    Block,        //!< N active blocks plus one unloaded reserve block per group (catcher)
  };
  Kind kind = Kind::N;
  int spares = 0;    //!< k of N+k [count]
  int systems = 0;   //!< x of xN/y [count]
  int carrying = 0;  //!< y of xN/y [count]

  //! N+k.
  static RedundancyScheme n_plus(int spares) { return {Kind::NPlus, spares, 0, 0}; }
  bool operator==(const RedundancyScheme&) const = default;
};

//! The scheme as written in a scenario: "N", "N+1", "2N", "4N/3", "block".
std::string to_string(const RedundancyScheme& scheme);

}  // namespace rackscale::model
