#include "engine/calendar/event_calendar.h"

#include <algorithm>
#include <utility>

namespace cadence {

EventCalendar::EventCalendar(std::string name, std::vector<Period> periods)
    : name_(std::move(name)), periods_(std::move(periods)) {
  // Sorted and unique so that contains() is a binary search and periods()
  // lists them in time order whatever order the source gave.
  std::sort(periods_.begin(), periods_.end());
  periods_.erase(std::unique(periods_.begin(), periods_.end()), periods_.end());
}

bool EventCalendar::contains(const Period& period) const {
  return std::binary_search(periods_.begin(), periods_.end(), period);
}

}  // namespace cadence
