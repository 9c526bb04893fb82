//! Reading the inputs: recognising each file by its content (`sniff`),
//! decrypting the ENT export on the fly (`decrypt`), reading its accounts
//! (`ent_xml`, over the checked byte stream of `xml_input`, each account
//! built by `ent_record`) and resolving
//! ENT profiles to Pronote populations (`profiles`).

pub mod decrypt;
mod ent_record;
pub mod ent_xml;
pub mod profiles;
pub mod sniff;
mod xml_input;
