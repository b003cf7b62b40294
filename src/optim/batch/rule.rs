//! The element-wise update a batch steps with: one loop over the whole buffer of every run's
//! parameters, state buffers beside it.

/// An element-wise optimizer update over flat buffers (`x`, `g` and each state buffer are
/// equally long; element i of each belongs together).
pub trait ElementRule: Sync {
    /// Per-step scalars shared by every element (lr, bias corrections).
    type Step: Copy;
    /// How many per-element state buffers the rule keeps (Adam: exp_avg, exp_avg_sq).
    fn state_buffers(&self) -> usize;
    /// The scalars of step `t` (counted from 1) at learning rate `lr`; `momentum` is a cycled
    /// momentum or β₁ from the schedule, when it cycles one.
    fn prepare(&self, lr: f64, t: u32, momentum: Option<f64>) -> Self::Step;
    /// One step of every element.
    fn update(&self, step: &Self::Step, x: &mut [f64], g: &[f64], state: &mut [&mut [f64]]);
}

/// torch.optim.Adam without weight decay or amsgrad, operation for operation as `optim::Adam`
/// (scaffolding for the batch engine until the optimizer core's element-wise updates land).
#[derive(Debug, Clone, Copy)]
pub struct PlainAdam {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
}

#[derive(Debug, Clone, Copy)]
pub struct AdamStep {
    w1: f64,
    beta2: f64,
    one_minus_beta2: f64,
    neg_step_size: f64,
    bc2_sqrt: f64,
    eps: f64,
}

impl ElementRule for PlainAdam {
    type Step = AdamStep;

    fn state_buffers(&self) -> usize {
        2
    }

    #[inline]
    fn prepare(&self, lr: f64, t: u32, momentum: Option<f64>) -> AdamStep {
        let beta1 = momentum.unwrap_or(self.beta1);
        let bc1 = 1.0 - beta1.powf(t as f64);
        AdamStep {
            w1: 1.0 - beta1,
            beta2: self.beta2,
            one_minus_beta2: 1.0 - self.beta2,
            neg_step_size: -(lr / bc1),
            bc2_sqrt: (1.0 - self.beta2.powf(t as f64)).powf(0.5),
            eps: self.eps,
        }
    }

    #[inline(always)]
    fn update(&self, s: &AdamStep, x: &mut [f64], g: &[f64], state: &mut [&mut [f64]]) {
        let [m, v] = state else {
            unreachable!("Adam keeps two state buffers")
        };
        let n = x.len();
        let (g, m, v) = (&g[..n], &mut m[..n], &mut v[..n]);
        for i in 0..n {
            let gi = g[i];
            // torch's lerp with |w| < 0.5, then addcmul and addcdiv in ATen's order.
            let mi = if s.w1.abs() < 0.5 {
                m[i] + s.w1 * (gi - m[i])
            } else {
                gi - (gi - m[i]) * (1.0 - s.w1)
            };
            let vi = v[i] * s.beta2 + (gi * s.one_minus_beta2) * gi;
            let denom = vi.sqrt() / s.bc2_sqrt + s.eps;
            x[i] += (mi * s.neg_step_size) / denom;
            m[i] = mi;
            v[i] = vi;
        }
    }
}
