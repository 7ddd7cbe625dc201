#pragma once
//! Strong physical types: SI doubles tagged with their dimension, checked at compile time.
//!
//! A quantity is built from a number and a unit constant (`132.0 * units::kW`) and read out in
//! a unit (`p.in(units::MW)`). There is no implicit conversion from or to `double`; arithmetic is
//! allowed only where it is physical (power x duration = energy). Absolute temperature is an
//! affine type of its own: the difference of two temperatures is a TemperatureDifference.

#include <compare>
#include <cstdint>

namespace rackscale::units {

//! Exponents of the base dimensions. Money, information and item counts are base dimensions
//! of their own so that "USD/MWh", "Gb/s" and "racks/week" are checked like physical units.
struct Dim {
  std::int8_t mass = 0;
  std::int8_t length = 0;
  std::int8_t time = 0;
  std::int8_t current = 0;
  std::int8_t temperature = 0;
  std::int8_t money = 0;
  std::int8_t information = 0;
  std::int8_t count = 0;

  constexpr bool operator==(const Dim&) const = default;
  constexpr bool is_dimensionless() const { return *this == Dim{}; }
};

constexpr Dim operator+(Dim a, Dim b) {
  return Dim{static_cast<std::int8_t>(a.mass + b.mass),
             static_cast<std::int8_t>(a.length + b.length),
             static_cast<std::int8_t>(a.time + b.time),
             static_cast<std::int8_t>(a.current + b.current),
             static_cast<std::int8_t>(a.temperature + b.temperature),
             static_cast<std::int8_t>(a.money + b.money),
             static_cast<std::int8_t>(a.information + b.information),
             static_cast<std::int8_t>(a.count + b.count)};
}
constexpr Dim operator-(Dim a) {
  return Dim{static_cast<std::int8_t>(-a.mass),        static_cast<std::int8_t>(-a.length),
             static_cast<std::int8_t>(-a.time),        static_cast<std::int8_t>(-a.current),
             static_cast<std::int8_t>(-a.temperature), static_cast<std::int8_t>(-a.money),
             static_cast<std::int8_t>(-a.information), static_cast<std::int8_t>(-a.count)};
}
constexpr Dim operator-(Dim a, Dim b) {
  return a + (-b);
}

//! A value of dimension D, stored in SI base units (W, J, m, s, kg, K, USD, bit, item).
template <Dim D>
class Quantity {
 public:
  static constexpr Dim dim = D;

  constexpr Quantity() = default;
  //! Wraps a value already in SI base units; for the parser and unit constants.
  static constexpr Quantity from_si(double si) { return Quantity(si); }
  //! The value in SI base units.
  constexpr double si() const { return value_; }
  //! The value expressed in `unit` (e.g. `p.in(units::MW)`).
  constexpr double in(Quantity unit) const { return value_ / unit.value_; }

  constexpr Quantity operator-() const { return Quantity(-value_); }
  constexpr Quantity& operator+=(Quantity o) {
    value_ += o.value_;
    return *this;
  }
  constexpr Quantity& operator-=(Quantity o) {
    value_ -= o.value_;
    return *this;
  }
  constexpr Quantity& operator*=(double k) {
    value_ *= k;
    return *this;
  }
  constexpr Quantity& operator/=(double k) {
    value_ /= k;
    return *this;
  }
  friend constexpr Quantity operator+(Quantity a, Quantity b) {
    return Quantity(a.value_ + b.value_);
  }
  friend constexpr Quantity operator-(Quantity a, Quantity b) {
    return Quantity(a.value_ - b.value_);
  }
  friend constexpr Quantity operator*(double k, Quantity q) { return Quantity(k * q.value_); }
  friend constexpr Quantity operator*(Quantity q, double k) { return Quantity(q.value_ * k); }
  friend constexpr Quantity operator/(Quantity q, double k) { return Quantity(q.value_ / k); }
  friend constexpr auto operator<=>(Quantity a, Quantity b) = default;

 private:
  constexpr explicit Quantity(double si) : value_(si) {}
  double value_ = 0.0;
};

//! Product of two quantities; a dimensionless result is a plain double.
template <Dim A, Dim B>
constexpr auto operator*(Quantity<A> a, Quantity<B> b) {
  if constexpr ((A + B).is_dimensionless()) {
    return a.si() * b.si();
  } else {
    return Quantity<A + B>::from_si(a.si() * b.si());
  }
}
//! Quotient of two quantities; a dimensionless result (a ratio) is a plain double.
template <Dim A, Dim B>
constexpr auto operator/(Quantity<A> a, Quantity<B> b) {
  if constexpr ((A - B).is_dimensionless()) {
    return a.si() / b.si();
  } else {
    return Quantity<A - B>::from_si(a.si() / b.si());
  }
}
//! A number divided by a quantity (e.g. 1 / duration = frequency).
template <Dim D>
constexpr Quantity<-D> operator/(double k, Quantity<D> q) {
  return Quantity<-D>::from_si(k / q.si());
}

namespace dims {
inline constexpr Dim kMass{.mass = 1};
inline constexpr Dim kLength{.length = 1};
inline constexpr Dim kTime{.time = 1};
inline constexpr Dim kCurrent{.current = 1};
inline constexpr Dim kTemperature{.temperature = 1};
inline constexpr Dim kMoney{.money = 1};
inline constexpr Dim kInformation{.information = 1};
inline constexpr Dim kCount{.count = 1};
inline constexpr Dim kArea = kLength + kLength;
inline constexpr Dim kVolume = kArea + kLength;
inline constexpr Dim kEnergy = kMass + kArea - kTime - kTime;
inline constexpr Dim kPower = kEnergy - kTime;
inline constexpr Dim kVoltage = kPower - kCurrent;
inline constexpr Dim kVolumeFlow = kVolume - kTime;
inline constexpr Dim kDataRate = kInformation - kTime;
inline constexpr Dim kCountRate = kCount - kTime;
inline constexpr Dim kMoneyPerEnergy = kMoney - kEnergy;
inline constexpr Dim kMoneyPerPower = kMoney - kPower;
inline constexpr Dim kMoneyPerVolume = kMoney - kVolume;
inline constexpr Dim kFlowPerPower = kVolumeFlow - kPower;
inline constexpr Dim kVolumePerEnergy = kVolume - kEnergy;
inline constexpr Dim kMassPerArea = kMass - kArea;
inline constexpr Dim kMoneyPerCount = kMoney - kCount;
inline constexpr Dim kMoneyPerArea = kMoney - kArea;
inline constexpr Dim kMassPerEnergy = kMass - kEnergy;
inline constexpr Dim kMoneyPerPowerTime = kMoneyPerPower - kTime;
}  // namespace dims

using Mass = Quantity<dims::kMass>;
using Length = Quantity<dims::kLength>;
using Duration = Quantity<dims::kTime>;
using Current = Quantity<dims::kCurrent>;
using TemperatureDifference = Quantity<dims::kTemperature>;
using Money = Quantity<dims::kMoney>;
using DataSize = Quantity<dims::kInformation>;
using Count = Quantity<dims::kCount>;
using Area = Quantity<dims::kArea>;
using Volume = Quantity<dims::kVolume>;
using Energy = Quantity<dims::kEnergy>;
using Power = Quantity<dims::kPower>;
using Voltage = Quantity<dims::kVoltage>;
using VolumeFlow = Quantity<dims::kVolumeFlow>;
using DataRate = Quantity<dims::kDataRate>;
using CountRate = Quantity<dims::kCountRate>;         //!< e.g. racks/week
using EnergyPrice = Quantity<dims::kMoneyPerEnergy>;  //!< e.g. USD/MWh
using PowerPrice = Quantity<dims::kMoneyPerPower>;    //!< e.g. MUSD/MW
using WaterPrice = Quantity<dims::kMoneyPerVolume>;   //!< e.g. USD/m^3
using FlowPerPower = Quantity<dims::kFlowPerPower>;   //!< e.g. L/min/kW
using WaterUsage = Quantity<dims::kVolumePerEnergy>;  //!< e.g. L/kWh (WUE)
using FloorLoading = Quantity<dims::kMassPerArea>;    //!< e.g. kg/m^2
using UnitPrice = Quantity<dims::kMoneyPerCount>;     //!< e.g. USD/rack
using AreaPrice = Quantity<dims::kMoneyPerArea>;      //!< e.g. USD/m^2 (land)
using EmissionRate = Quantity<dims::kMassPerEnergy>;  //!< e.g. lb/MWh (CO2 per energy)
//! e.g. USD/kW/year (fixed operation and maintenance)
using PowerPriceRate = Quantity<dims::kMoneyPerPowerTime>;
//! A ratio of like quantities with units, e.g. a heat rate in Btu/kWh (fuel energy per energy)
using EnergyRatio = Quantity<Dim{}>;

//! Absolute thermodynamic temperature (affine): stored in kelvin.
class Temperature {
 public:
  constexpr Temperature() = default;
  static constexpr Temperature from_kelvin(double k) { return Temperature(k); }
  static constexpr Temperature from_celsius(double c) { return Temperature(c + 273.15); }
  constexpr double kelvin() const { return kelvin_; }
  constexpr double celsius() const { return kelvin_ - 273.15; }

  friend constexpr TemperatureDifference operator-(Temperature a, Temperature b) {
    return TemperatureDifference::from_si(a.kelvin_ - b.kelvin_);
  }
  friend constexpr Temperature operator+(Temperature a, TemperatureDifference d) {
    return Temperature(a.kelvin_ + d.si());
  }
  friend constexpr Temperature operator-(Temperature a, TemperatureDifference d) {
    return Temperature(a.kelvin_ - d.si());
  }
  friend constexpr auto operator<=>(Temperature a, Temperature b) = default;

 private:
  constexpr explicit Temperature(double k) : kelvin_(k) {}
  double kelvin_ = 0.0;
};

// Unit constants. Multiply a number by one of these to build a quantity.
inline constexpr Power W = Power::from_si(1.0);
inline constexpr Power kW = Power::from_si(1e3);
inline constexpr Power MW = Power::from_si(1e6);
inline constexpr Power GW = Power::from_si(1e9);
inline constexpr Energy J = Energy::from_si(1.0);
inline constexpr Energy Wh = Energy::from_si(3600.0);
inline constexpr Energy kWh = Energy::from_si(3.6e6);
inline constexpr Energy MWh = Energy::from_si(3.6e9);
inline constexpr Energy GWh = Energy::from_si(3.6e12);
inline constexpr Voltage V = Voltage::from_si(1.0);
inline constexpr Voltage kV = Voltage::from_si(1e3);
inline constexpr Current A = Current::from_si(1.0);
inline constexpr Mass kg = Mass::from_si(1.0);
inline constexpr Mass tonne = Mass::from_si(1000.0);
inline constexpr Length m = Length::from_si(1.0);
inline constexpr Length mm = Length::from_si(1e-3);
inline constexpr Length km = Length::from_si(1e3);
inline constexpr Area m2 = Area::from_si(1.0);
inline constexpr Volume L = Volume::from_si(1e-3);
inline constexpr Volume m3 = Volume::from_si(1.0);
inline constexpr Duration second = Duration::from_si(1.0);
inline constexpr Duration minute = Duration::from_si(60.0);
inline constexpr Duration h = Duration::from_si(3600.0);
inline constexpr Duration day = Duration::from_si(86400.0);
inline constexpr Duration week = Duration::from_si(7 * 86400.0);
//! Julian year, 365.25 days.
inline constexpr Duration year = Duration::from_si(365.25 * 86400.0);
inline constexpr Money USD = Money::from_si(1.0);
inline constexpr Money kUSD = Money::from_si(1e3);
inline constexpr Money MUSD = Money::from_si(1e6);
inline constexpr DataSize bit = DataSize::from_si(1.0);
inline constexpr DataRate Gbps = DataRate::from_si(1e9);
inline constexpr DataRate Tbps = DataRate::from_si(1e12);
inline constexpr TemperatureDifference K = TemperatureDifference::from_si(1.0);
inline constexpr Count item = Count::from_si(1.0);
inline constexpr CountRate per_week = CountRate::from_si(1.0 / (7 * 86400.0));
inline constexpr EnergyPrice USD_per_MWh = USD / MWh;
inline constexpr PowerPrice USD_per_MW = USD / MW;
inline constexpr FlowPerPower L_per_min_per_kW = (L / minute) / kW;

}  // namespace rackscale::units
