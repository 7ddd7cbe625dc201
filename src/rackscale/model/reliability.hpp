#pragma once
//! Settings of the reliability model (the scenario's `reliability:` section): training jobs,
//! repair crews, spares and per-component overrides of the default failure rates. Plain
//! validated data; io/reliability_reader builds it from YAML. Model: docs/models/reliability.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rackscale/core/diagnostics.hpp"
#include "rackscale/core/units.hpp"

namespace rackscale::model {

namespace u = rackscale::units;

//! What fails. The first fifteen follow the causes of the Llama 3 interruption table (some
//! merged); NVLink switch trays and the facility gear have no entry there (rates assumed).
enum class ComponentType : std::uint8_t {
  Gpu,                   //!< faulty GPU, GPU thermal interface or sensor
  Hbm,                   //!< GPU HBM memory
  GpuSram,               //!< GPU SRAM
  GpuSystemProcessor,    //!< GPU system processor (GSP)
  SilentDataCorruption,  //!< silent data corruption, found by checks
  Software,              //!< software bug, NCCL watchdog, dependency
  Nic,                   //!< network interface card
  OpticsCables,          //!< network switch or cable (per scale-out port)
  NvlinkSwitchTray,      //!< NVLink switch tray of a rack-scale system (NVL72)
  HostCpu,               //!< host CPU
  HostMemory,            //!< host (system) memory
  Ssd,                   //!< local SSD
  Psu,                   //!< node power supply
  Chassis,               //!< server chassis, IO expansion board
  HostMaintenance,       //!< unplanned host maintenance (reboot, reimage)
  Cdu,                   //!< coolant distribution unit and its pumps
  Busway,                //!< LV busway of a row
  UnitSubstation,        //!< MV/LV unit substation
  Switchgear,            //!< MV switchgear lineup
  Transformer,           //!< HV/MV substation transformer
  Ups,                   //!< UPS module (only when the UPS carries the racks)
};

//! Number of component types.
inline constexpr int kComponentTypeCount = 21;

//! The YAML name of a type: "gpu", "hbm", "gpu_sram", ...
std::string to_string(ComponentType t);
//! Every type's YAML name, in enum order.
const std::vector<std::string>& component_type_names();
//! The type of a YAML name, or nullopt.
std::optional<ComponentType> component_type_from(std::string_view name);
//! True for the facility gear (CDU, busway, unit substation, switchgear, transformer, UPS).
bool is_facility(ComponentType t);

//! How a failed component is brought back.
enum class RecoveryPath : std::uint8_t {
  Restart,         //!< reset, reboot or reimage: no crew, no part; down for the repair time
  Swap,            //!< a technician swaps the part from the spares stock
  ReturnToVendor,  //!< a technician pulls the node; it is back after the vendor turnaround
  FacilityRepair,  //!< facility staff repair the gear (no IT crew, no IT part)
};

//! "restart", "swap", "rma" or "facility".
std::string to_string(RecoveryPath p);

//! A distribution of repair (or turnaround) times.
struct RepairTime {
  enum class Kind { Fixed, Exponential, Uniform, Triangular, Lognormal };
  Kind kind = Kind::Fixed;
  u::Duration a;  //!< fixed value, exponential mean, uniform/triangular min, lognormal median
  u::Duration b;  //!< uniform max, triangular mode, lognormal p90
  u::Duration c;  //!< triangular max
  //! The mean.
  u::Duration mean() const;
  //! A fixed time.
  static RepairTime fixed(u::Duration value);
  //! A lognormal time from its median and 90th percentile.
  static RepairTime lognormal(u::Duration median, u::Duration p90);
};

//! A scenario's change to the default failure law or recovery of one component type.
struct ComponentOverride {
  ComponentType type = ComponentType::Gpu;
  //! Mean time between failures of one instance (one GPU, one NIC, one node, one CDU, ...);
  //! +infinity: never fails.
  std::optional<u::Duration> mtbf;
  std::optional<double> weibull_shape;  //!< Weibull shape k; 1 is exponential
  std::optional<RecoveryPath> recovery;
  std::optional<RepairTime> repair;
  SourceLocation where;
  std::string path;  //!< e.g. "reliability.rates.gpu"
};

//! A synchronous training job: a failure in any of its GPUs stops it.
struct ReliabilityJob {
  std::string name;
  std::string site;               //!< a scenario site; empty: the first site
  std::optional<long long> gpus;  //!< [GPUs]; empty: every GPU of the site not held as spare
  //! Compute between checkpoints; empty: the Young/Daly optimum from the simulated MTBF.
  std::optional<u::Duration> checkpoint_interval;
  //! Blocking checkpoint write. source: ByteDance MegaScale (Jiang et al., NSDI 2024, "Fast
  //! checkpointing and recovery"): the blocking stage copies GPU state to host memory in
  //! "several seconds", the upload to storage runs in the background; taken as 10 s.
  u::Duration checkpoint_write = 10.0 * u::second;
  //! Reload and resume after an interruption. assumption: Llama 3 (Dubey et al. 2024, §3.3.4)
  //! and MegaScale say job startup was cut but give no figure; 5 min covers rescheduling,
  //! collective initialisation and a checkpoint read from host or peer memory
  //! (docs/models/reliability.md §5 "Defaults").
  u::Duration restart = 5.0 * u::minute;
  std::optional<u::Duration> work;  //!< failure-free compute the job needs; empty: runs on
  SourceLocation where;
  std::string path;  //!< e.g. "reliability.jobs[0]"
};

//! Repair technicians, per site.
struct ReliabilityCrews {
  std::optional<int> technicians;  //!< on duty per shift; empty: the default (or unlimited)
  bool unlimited = false;          //!< `technicians: unlimited`
  int shifts_per_day = 3;  //!< 1, 2 or 3 eight-hour shifts from 08:00; default: round the clock
};

//! Spares, per site.
struct ReliabilitySpares {
  std::optional<int> hot_spare_racks;    //!< racks kept out of jobs, ready to swap in
  std::optional<int> hot_spare_nodes;    //!< nodes kept out of jobs (added to the racks)
  std::optional<long long> parts_stock;  //!< field-replaceable parts on site; empty: default
  bool unlimited_parts = false;          //!< `parts_stock: unlimited`
  //! A used part is replaced after this. assumption: default of docs/models/reliability.md §6.
  u::Duration restock_lead_time = 2.0 * u::week;
};

//! The `reliability:` section.
struct ReliabilitySettings {
  bool given = false;  //!< the section is in the file
  SourceLocation where;
  //! Simulated time per run. assumption: docs/models/reliability.md §5 "Defaults".
  u::Duration horizon = 30.0 * u::day;
  std::optional<int> runs;               //!< empty: min(simulation.runs, kDefaultMaxRuns)
  std::optional<double> goodput_target;  //!< [0-1]; when set, spares and crews are sized
  ReliabilityCrews crews;
  ReliabilitySpares spares;
  std::vector<ReliabilityJob> jobs;  //!< empty: one job on every GPU of the first site
  std::vector<ComponentOverride> rates;

  //! Runs when `runs:` is absent: simulation.runs capped at this. assumption:
  //! docs/models/reliability.md §5 "Defaults".
  static constexpr int kDefaultMaxRuns = 100;
};

}  // namespace rackscale::model
