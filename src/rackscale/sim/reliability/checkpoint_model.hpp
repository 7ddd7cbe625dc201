#pragma once
//! Closed forms of periodic checkpointing under exponential failures: Young's (1974) and Daly's
//! (2006) optimal intervals and Daly's expected wall time. Used to choose the checkpoint
//! interval and as the reference the simulation is tested against.

namespace rackscale::sim {

//! Young (1974): tau = sqrt(2 delta M) for checkpoint write time delta and MTBF M [h].
double young_interval(double checkpoint_h, double mtbf_h);

//! Daly (2006), higher-order estimate: tau = sqrt(2 delta M) [1 + (1/3) sqrt(delta / 2M) + (1/9)
//! (delta / 2M)]
//! - delta for delta < 2M, else tau = M [h]. Requires delta >= 0 and M > 0; delta = 0 gives 0.
double daly_interval(double checkpoint_h, double mtbf_h);

//! Daly (2006): expected wall time to finish `work_h` of compute in segments of
//! `interval_h` compute plus a `checkpoint_h` write, failures exponential with mean `mtbf_h`
//! (also during writes and restarts), each failure costing a restart of `restart_h` and the work
//! since the last checkpoint: T = M e^{R/M} (e^{(tau + delta)/M} - 1) W / tau [h]. Exact when W
//! is a whole number of intervals.
double daly_expected_wall_time(double work_h, double interval_h, double checkpoint_h,
                               double restart_h, double mtbf_h);

//! The long-run useful fraction of wall time under Daly's model: W / T for the same inputs.
double daly_goodput(double interval_h, double checkpoint_h, double restart_h, double mtbf_h);

}  // namespace rackscale::sim
