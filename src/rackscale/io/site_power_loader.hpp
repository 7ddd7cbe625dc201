#pragma once
//! Reads a site's (or a candidate's) `power:` section (docs/scenario-format.md, "power") and the
//! datasets it refers to: datasets/interconnection.yaml (stage durations by balancing
//! authority) and datasets/bridging.yaml (figures by bridging technology).

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rackscale/io/input_limits.hpp"
#include "rackscale/io/yaml_reader.hpp"
#include "rackscale/model/site_power.hpp"

namespace rackscale::io {

//! A region of datasets/interconnection.yaml: its stage durations, in stage order.
struct InterconnectionRegion {
  std::string name;
  std::array<model::DurationDistribution, model::kInterconnectionStages> stages;
};

//! Figures of a bridging technology as written (a scenario entry or the dataset); each optional.
struct BridgingInput {
  std::optional<model::DurationDistribution> lead_time;
  std::optional<units::PowerPrice> capex;
  std::optional<units::EnergyRatio> heat_rate;
  std::optional<units::EnergyPrice> fuel_price;
  std::optional<units::EmissionRate> emissions;
  std::optional<units::PowerPriceRate> fixed_om;
  std::optional<units::EnergyPrice> variable_om;
};

//! The power datasets, read from their folder the first time a `power:` section needs them.
class PowerDatasets {
 public:
  //! `dir`: the folder of the datasets; empty: the built-in one (io::find_dataset_dir).
  explicit PowerDatasets(std::string dir = {}, InputLimits limits = {});

  //! The interconnection regions, in file order (empty without the file).
  const std::vector<InterconnectionRegion>& regions(Diagnostics& diag);
  //! The bridging technologies' figures (none without the file).
  const std::map<model::BridgingTechnology, BridgingInput>& technologies(Diagnostics& diag);
  //! Where the datasets were looked for, for messages.
  std::string where() const;

 private:
  void load(Diagnostics& diag);

  std::string dir_;
  std::vector<std::string> searched_;
  InputLimits limits_;
  bool loaded_ = false;
  std::vector<InterconnectionRegion> regions_;
  std::map<model::BridgingTechnology, BridgingInput> technologies_;
};

//! Reads `power:` of the map `site` (nullopt when absent or unusable), recording every problem in
//! the reader's diagnostics. Regions and technology defaults come from `datasets`.
std::optional<model::SitePower> read_site_power(MapReader& site, PowerDatasets& datasets);

}  // namespace rackscale::io
