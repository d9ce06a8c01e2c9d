// Chinese names for generated orgs and people.
//
// Real place names are used where they exist (the five county-level units of
// Guyuan and their towns and townships); beyond them, names are composed from
// syllable pools in the style of the region (…家湾村, …堡村), so that large
// sizes stay readable. Names need not be unique: ids are.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "data/generator/prng.h"

namespace cadence::generator {

// A person's name: surname (weighted to the region, 马 and 杨 are common in
// Guyuan) plus one or two given-name characters.
std::string person_name(Rng& rng);

// Picks one entry of a pool.
std::string_view pick(Rng& rng, std::span<const std::string_view> pool);

// The real towns and townships (乡镇) and sub-districts (街道) of a county,
// by its index in kCounties.
struct CountyNames {
  std::string_view name;        // 原州区
  std::string_view short_name;  // 原州
  std::span<const std::string_view> towns;
  std::span<const std::string_view> streets;
};
std::span<const CountyNames> counties();

// Composed names: a village (张家湾), a community (文化), a company (固原六盘山
// 牛肉食品有限公司), a school (西吉县第三中学) etc.
std::string village_name(Rng& rng);
std::string town_name(Rng& rng);  // for synthetic townships beyond the real ones
std::string community_name(Rng& rng);
std::string company_name(Rng& rng, std::string_view place);
std::string private_unit_name(Rng& rng, std::string_view place);

std::span<const std::string_view> government_departments();
std::span<const std::string_view> hospital_departments();
std::span<const std::string_view> company_departments();
std::span<const std::string_view> university_colleges();
std::span<const std::string_view> hospitals();

}  // namespace cadence::generator
