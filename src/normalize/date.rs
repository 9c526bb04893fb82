//! Birth dates as people type them: `dd/mm/yyyy` (FORMATS.md), and the
//! variants found in real lists: `d/m/yyyy`, `-` or `.` separators, ISO
//! `yyyy-mm-dd`, `ddmmyyyy`, two-digit years. Anything else, or a date that
//! does not exist (31/02), is kept as `DateField::Invalid` so the record goes
//! to review with the reason instead of aborting the run.

use crate::model::{BirthDate, DateField};

/// Two-digit years at or below this are read as 20yy, above as 19yy.
const TWO_DIGIT_YEAR_PIVOT: u16 = 40;

/// Parses a birth-date field. Empty text is `Absent`.
pub fn parse_date(text: &str) -> DateField {
    let text = text.trim();
    if text.is_empty() {
        return DateField::Absent;
    }
    match split_date(text).and_then(|(d, m, y)| make_date(d, m, y)) {
        Some(date) => DateField::Valid(date),
        None => DateField::Invalid(text.to_string()),
    }
}

/// French explanation for an invalid date, for notes and messages.
pub fn invalid_date_message(text: &str) -> String {
    format!(
        "date de naissance illisible « {text} » : date inexistante ou mal écrite (attendu jj/mm/aaaa)"
    )
}

fn split_date(text: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = text
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [a, b, c] if all_digits(a) && all_digits(b) && all_digits(c) => {
            let (a_num, b_num, c_num) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
            if a.len() == 4 && c.len() <= 2 {
                // ISO order: yyyy-mm-dd
                Some((c_num, b_num, a_num))
            } else if a.len() <= 2 && b.len() <= 2 && (c.len() == 4 || c.len() == 2) {
                Some((a_num, b_num, widen_year(c_num, c.len())))
            } else {
                None
            }
        }
        [single] if single.len() == 8 && all_digits(single) => {
            let d = single[0..2].parse().ok()?;
            let m = single[2..4].parse().ok()?;
            let y = single[4..8].parse().ok()?;
            Some((d, m, y))
        }
        _ => None,
    }
}

fn widen_year(year: u32, digits: usize) -> u32 {
    if digits == 2 {
        if year <= u32::from(TWO_DIGIT_YEAR_PIVOT) {
            2000 + year
        } else {
            1900 + year
        }
    } else {
        year
    }
}

fn make_date(day: u32, month: u32, year: u32) -> Option<BirthDate> {
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    if day > days_in_month(month, year) {
        return None;
    }
    Some(BirthDate {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

/// Number of days in a month of the Gregorian calendar.
pub fn days_in_month(month: u32, year: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_leap(year: u32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(d: u8, m: u8, y: u16) -> DateField {
        DateField::Valid(BirthDate {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn dates_as_people_type_them() {
        let cases = [
            ("standard", "14/03/2011", valid(14, 3, 2011)),
            ("padded with spaces", " 14/03/2011 ", valid(14, 3, 2011)),
            ("no leading zeros", "4/3/2011", valid(4, 3, 2011)),
            ("dashes", "14-03-2011", valid(14, 3, 2011)),
            ("dots", "14.03.2011", valid(14, 3, 2011)),
            ("iso", "2011-03-14", valid(14, 3, 2011)),
            ("compact", "14032011", valid(14, 3, 2011)),
            ("two-digit year, recent", "14/03/11", valid(14, 3, 2011)),
            ("two-digit year, old", "14/03/75", valid(14, 3, 1975)),
            ("leap day", "29/02/2012", valid(29, 2, 2012)),
            ("empty", "", DateField::Absent),
            ("blank", "   ", DateField::Absent),
            (
                "not a leap year",
                "29/02/2011",
                DateField::Invalid("29/02/2011".into()),
            ),
            (
                "31 february",
                "31/02/2010",
                DateField::Invalid("31/02/2010".into()),
            ),
            (
                "month 13",
                "12/13/2010",
                DateField::Invalid("12/13/2010".into()),
            ),
            (
                "day zero",
                "00/03/2010",
                DateField::Invalid("00/03/2010".into()),
            ),
            ("text", "inconnue", DateField::Invalid("inconnue".into())),
            (
                "year out of range",
                "01/01/1850",
                DateField::Invalid("01/01/1850".into()),
            ),
            ("two parts", "14/03", DateField::Invalid("14/03".into())),
        ];
        for (name, input, expected) in cases {
            assert_eq!(parse_date(input), expected, "{name}: {input:?}");
        }
    }
}
