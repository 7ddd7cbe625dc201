#pragma once
// Machine-readable outputs of the fabric engine: the design as JSON, the materialized graph as
// Graphviz DOT (small fabrics only) and as a JSON link list. Nothing here touches files; the
// caller owns the stream.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "rackscale/design/fabric.hpp"
#include "rackscale/design/fabric_graph.hpp"

namespace rackscale::report {

//! Default ceiling of the DOT writer: beyond this a drawing is unreadable [vertices].
inline constexpr std::size_t kDotMaxVertices = 1'000;

//! Default ceiling of the JSON link list: about 1.5 GB of memory while it is built
//! [vertices + links].
inline constexpr std::int64_t kTopologyMaxElements = 4'000'000;

//! Vertices (GPUs, appliances, switches) plus links of the back-end graph, from the closed-form
//! counts, before anything is built [count].
std::int64_t topology_element_count(const design::Fabric& fabric);

//! The back-end graph as a JSON link list (write_fabric_links_json); std::invalid_argument
//! naming `--max-elements` when it has more than `max_elements` vertices and links.
std::string fabric_links_json(const design::Fabric& fabric,
                              std::int64_t max_elements = kTopologyMaxElements);

//! Every count of the design; bare numbers carry their unit in the key (power_w, cost_usd).
nlohmann::json fabric_to_json(const design::Fabric& fabric);

//! Graphviz DOT of a materialized fabric; std::invalid_argument above `max_vertices`.
std::string fabric_to_dot(const design::FabricGraph& graph,
                          std::size_t max_vertices = kDotMaxVertices);

//! DOT straight from a design: refuses from the closed-form counts before building anything.
std::string fabric_to_dot(const design::Fabric& fabric, std::size_t max_vertices = kDotMaxVertices);

//! Streams the graph as JSON: {"vertices": [...], "links": [...]}, one element per line.
void write_fabric_links_json(std::ostream& out, const design::FabricGraph& graph);

}  // namespace rackscale::report
