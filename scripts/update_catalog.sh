#!/usr/bin/env bash
# The message catalog from the sources (GNU gettext).
#
#   scripts/update_catalog.sh          extract adapters/**/*.{h,cpp} (a
#                                      template, not kept) and merge it into
#                                      adapters/i18n/po/zh_CN.po (then
#                                      translate what it says is untranslated)
#   scripts/update_catalog.sh --check  exit 1, listing them, when a text of
#                                      the sources has no Chinese in zh_CN.po
#
# What is extracted: tr("…") and tr_noop("…") (adapters/i18n/translate.h),
# and the help texts given to CLI11, which main() translates after
# registration: add_subcommand(name, DESCRIPTION), add_option(name,
# variable, DESCRIPTION), add_flag(name, DESCRIPTION) and add_flag(name,
# variable, DESCRIPTION).
set -euo pipefail
source=$(cd "$(dirname "$0")/.." && pwd)
po_dir="$source/adapters/i18n/po"
mode=${1:-update}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$source"
find adapters -name '*.cpp' -o -name '*.h' | LC_ALL=C sort >"$work/files"
xgettext --language=C++ --from-code=UTF-8 --sort-by-file --no-wrap --package-name=cadence \
  --keyword --keyword=tr --keyword=tr_noop --keyword=add_subcommand:2 --keyword=add_option:3,3t \
  --keyword=add_flag:2,2t --keyword=add_flag:3,3t \
  --files-from="$work/files" --output="$work/cadence.pot"
if [ "$mode" = --check ]; then
  # Every msgid of the sources, translated and not fuzzy, in zh_CN.po.
  msgmerge --quiet --no-fuzzy-matching --no-wrap "$po_dir/zh_CN.po" "$work/cadence.pot" -o "$work/merged.po"
  msgattrib --untranslated --no-obsolete --no-wrap "$work/merged.po" -o "$work/missing.po"
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/merged.po" -o "$work/fuzzy.po"
  status=0
  for kind in missing fuzzy; do
    if [ -s "$work/$kind.po" ] && grep -q '^msgid "[^"]' "$work/$kind.po"; then
      echo "FAIL: texts $kind in adapters/i18n/po/zh_CN.po (run scripts/update_catalog.sh, then translate):"
      grep -B2 '^msgid "[^"]' "$work/$kind.po" | grep -v '^--$' | head -60
      status=1
    fi
  done
  [ "$status" = 0 ] && echo "ok: every text of the sources has its Chinese in zh_CN.po"
  exit "$status"
fi
if [ -f "$po_dir/zh_CN.po" ]; then
  # Texts no longer in the sources are dropped, not kept as obsolete.
  msgmerge --quiet --no-fuzzy-matching --no-wrap --no-location "$po_dir/zh_CN.po" "$work/cadence.pot" -o "$work/merged.po"
  msgattrib --no-obsolete --no-wrap "$work/merged.po" -o "$po_dir/zh_CN.po"
else
  msginit --no-translator --no-wrap --locale=zh_CN.UTF-8 --input="$work/cadence.pot" --output-file="$po_dir/zh_CN.po"
fi
echo "updated: adapters/i18n/po/zh_CN.po ($(msgattrib --untranslated "$po_dir/zh_CN.po" | grep -c '^msgid "[^"]') untranslated)"
