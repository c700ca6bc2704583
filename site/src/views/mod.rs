//! The page's parts.

pub mod camera;
pub mod input;
pub mod portfolio;
pub mod report;
pub mod share;
