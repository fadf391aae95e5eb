/// The reply of a handler with `wrapResult = false`: the value it returned, as it is; or, when it failed (it threw,
/// timed out, or its request could not be decoded), `{"Err": message}` like every other reply. A value that itself
/// looks like `{"Err": "..."}` reads as `Failed`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
pub enum Unwrapped<T> {
    Failed {
        #[serde(rename = "Err")]
        err: String,
    },
    Value(T),
}
