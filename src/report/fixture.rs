//! The sample run result of the integration tests, for unit tests.

use crate as rapproche;

include!("../../tests/integration/fixture.rs");
