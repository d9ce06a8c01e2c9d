#include "engine/eval/calendars.h"

#include <optional>

namespace cadence {

Calendars resolve_calendars(const Plan& plan, const Dataset& dataset) {
  Calendars calendars;
  const CalendarSpec& spec = plan.pack->calendars;
  calendars.working = WorkingCalendar(spec.entries, spec.regions);
  calendars.events = spec.events;
  for (const auto& source : spec.event_sources) {
    std::vector<Period> periods;
    const RecordSet* set = dataset.find(source.record_set);
    if (set != nullptr) {
      int index = set->schema().column_index(source.column);
      if (index >= 0) {
        const Column& column = set->column(static_cast<std::size_t>(index));
        std::optional<PeriodKind> kind;
        if (is_period_type(column.type())) kind = period_kind_of(column.type());
        for (std::size_t row = 0; kind && row < set->rows(); ++row) {
          if (!column.is_null(row)) periods.push_back(Period::from_ordinal(*kind, column.code(row)));
        }
      }
    }
    calendars.events.emplace_back(source.name, std::move(periods));
  }
  return calendars;
}

}  // namespace cadence
