//! Reading the inputs: recognising each file by its content (`sniff`),
//! decrypting the ENT export on the fly (`decrypt`), reading its accounts
//! (`ent_xml`, over the checked byte stream of `xml_input`, each account
//! built by `ent_record`), resolving ENT profiles to Pronote populations
//! (`profiles`), checking identifiers (`ids`); and the Pronote lists: text encodings (`encoding`), header
//! labels (`labels`), rows and users (`pronote_csv`).

pub mod decrypt;
pub mod encoding;
mod ent_record;
pub mod ent_xml;
pub mod ids;
pub mod labels;
pub mod profiles;
pub mod pronote_csv;
pub mod sniff;
mod xml_input;
