// Event calendars: sets of periods in which something happened, such as the
// ISO weeks that had a Youth Study episode. Rules use them to skip periods:
// a week without an episode is not evaluated, never scored as 0 % (DOM-S1).
#pragma once

#include <string>
#include <vector>

#include "engine/calendar/period.h"

namespace cadence {

class EventCalendar {
 public:
  EventCalendar() = default;
  EventCalendar(std::string name, std::vector<Period> periods);  // sorts and dedups

  const std::string& name() const { return name_; }
  bool contains(const Period& period) const;
  const std::vector<Period>& periods() const { return periods_; }

 private:
  std::string name_;
  std::vector<Period> periods_;
};

}  // namespace cadence
